package bashprint

// jobs holds background jobs and the text bash 5.2's jobs shows for
// them (without the "&" it adds to a running one). TestJobsAsBash checks
// the table against the bash installed, with a, b, c and d functions
// that wait for a line, so that every job is still running: each job
// calls one of them first.
var jobs = []struct{ src, want string }{
	{
		src:  "( a; exit 4 ) &",
		want: "( a; exit 4 )",
	},
	{
		src:  "while a; do break; done &",
		want: "while a; do\n    break;\ndone",
	},
	{
		src:  "{ a; b; } 2>/dev/null &",
		want: "{ a; b; } 2> /dev/null",
	},
	{
		src:  "if a; then :; elif b; then :; else :; fi &",
		want: "if a; then\n    :;\nelse\n    if b; then\n        :;\n    else\n        :;\n    fi;\nfi",
	},
	{
		src:  "for i in 1 2; do a; done &",
		want: "for i in 1 2;\ndo\n    a;\ndone",
	},
	{
		src:  "for ((i=0;i<1;i++)); do a; done &",
		want: "for ((i=0; i<1; i++))\ndo\n    a;\ndone",
	},
	{
		src:  "case x in x) a;; b|c) ;& *) ;;& esac &",
		want: "case x in \n    x)\n        a\n    ;;\n    b | c)\n\n    ;&\n    *)\n\n    ;;&\nesac",
	},
	{
		src:  "(( x = 1 )) && a &",
		want: "(( x = 1 )) && a",
	},
	{
		src:  "[[ -n a && ! $b ]] && a &",
		want: "[[ -n a && ! -n $b ]] && a",
	},
	{
		src:  "a && false || ! true &",
		want: "a && false || ! true",
	},
	{
		src:  "a 2>&1 | b |& c &",
		want: "a 2>&1 | b 2>&1 | c",
	},
	{
		src:  "! a | b &",
		want: "a | b",
	},
	{
		src:  "time a | b &",
		want: "time a | b",
	},
	{
		src:  "x=1 a >/dev/null <<<s &",
		want: "x=1 a > /dev/null <<< s",
	},
	{
		src:  "a <<E | b >/dev/null &\nx\nE",
		want: "a <<E\nx\nE\n | b > /dev/null",
	},
	{
		src:  "until a; do { b; ( c; d ); }; done &",
		want: "until a; do\n    { b; ( c; d ); };\ndone",
	},
}
