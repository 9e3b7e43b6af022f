package builtins

import "context"

func colon(ctx context.Context, c *Call) int    { return 0 }
func trueCmd(ctx context.Context, c *Call) int  { return 0 }
func falseCmd(ctx context.Context, c *Call) int { return 1 }
