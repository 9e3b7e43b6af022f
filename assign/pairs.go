package assign

import (
	"mvdan.cc/sh/v3/expand"
	"mvdan.cc/sh/v3/syntax"
)

// assignPairs assigns an associative array literal in bash 5.1's other
// form, m=(k1 v1 k2 v2): its words, each expanded to one word, are keys
// and values in turn (a key without a value gets ""), added to m.
func assignPairs(sh Shell, name string, vr expand.Variable, m map[string]string, elems []*syntax.ArrayElem) error {
	var words []string
	for _, el := range elems {
		w := el.Value
		if el.Index != nil {
			// [k]=v among pairs is a word like the others
			w = &syntax.Word{Parts: append([]syntax.WordPart{&syntax.Lit{Value: "[" + sh.Print(el.Index) + "]="}}, w.Parts...)}
		}
		val, err := sh.Value(w) // one word each, as bash: no splitting
		if err != nil {
			return err
		}
		words = append(words, val)
	}
	for i := 0; i < len(words); i += 2 {
		switch {
		case words[i] == "":
			sh.Errorf("'': bad array subscript")
		case i+1 < len(words):
			m[words[i]] = words[i+1]
		default:
			m[words[i]] = ""
		}
	}
	vr.Map = m
	return sh.Vars().Set(name, vr)
}
