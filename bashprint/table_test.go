package bashprint

// functions holds function definitions and what bash 5.2 shows of them:
// declare -f (want) and the value export -f puts in the environment
// (env). TestFunctionsAsBash checks the table against the bash installed.
var functions = []struct{ src, want, env string }{
	{
		src:  "f() { ( cd /; ls ) | cat; while true; do break; done; { a; b; }; if x; then y; fi; }",
		want: "f () \n{ \n    ( cd /;\n    ls ) | cat;\n    while true; do\n        break;\n    done;\n    { \n        a;\n        b\n    };\n    if x; then\n        y;\n    fi\n}\n",
		env:  "() {  ( cd /;\n ls ) | cat;\n while true; do\n break;\n done;\n { \n a;\n b\n };\n if x; then\n y;\n fi\n}",
	},
	{
		src:  "f() { if a; then b; elif c; then d; else e; fi; until a; do b; c; done; }",
		want: "f () \n{ \n    if a; then\n        b;\n    else\n        if c; then\n            d;\n        else\n            e;\n        fi;\n    fi;\n    until a; do\n        b;\n        c;\n    done\n}\n",
		env:  "() {  if a; then\n b;\n else\n if c; then\n d;\n else\n e;\n fi;\n fi;\n until a; do\n b;\n c;\n done\n}",
	},
	{
		src:  "f() { for i in 1 2 3; do echo $i; done; for ((i=0;i<3;i++)); do echo; done; for x; do :; done; for y in; do :; done; }",
		want: "f () \n{ \n    for i in 1 2 3;\n    do\n        echo $i;\n    done;\n    for ((i=0; i<3; i++))\n    do\n        echo;\n    done;\n    for x in \"$@\";\n    do\n        :;\n    done;\n    for y in ;\n    do\n        :;\n    done\n}\n",
		env:  "() {  for i in 1 2 3;\n do\n echo $i;\n done;\n for ((i=0; i<3; i++))\n do\n echo;\n done;\n for x in \"$@\";\n do\n :;\n done;\n for y in ;\n do\n :;\n done\n}",
	},
	{
		src:  "f() { case $x in a) echo a;; b|c) echo b; echo c;& d) ;;& *) esac; }",
		want: "f () \n{ \n    case $x in \n        a)\n            echo a\n        ;;\n        b | c)\n            echo b;\n            echo c\n        ;&\n        d)\n\n        ;;&\n        *)\n\n        ;;\n    esac\n}\n",
		env:  "() {  case $x in \n a)\n echo a\n ;;\n b | c)\n echo b;\n echo c\n ;&\n d)\n\n ;;&\n *)\n\n ;;\n esac\n}",
	},
	{
		src:  "f() { select x in a b; do break; done; [[ -n $x && $y == z* ]]; (( x = 1 + 2 )); }",
		want: "f () \n{ \n    select x in a b;\n    do\n        break;\n    done;\n    [[ -n $x && $y == z* ]];\n    (( x = 1 + 2 ))\n}\n",
		env:  "() {  select x in a b;\n do\n break;\n done;\n [[ -n $x && $y == z* ]];\n (( x = 1 + 2 ))\n}",
	},
	{
		src:  "f() { a | b |& c; a && b || c; a & b; ! a; x=1 cmd; declare -a z=(a 'b c'); z+=(d); z[3]=e; }",
		want: "f () \n{ \n    a | b 2>&1 | c;\n    a && b || c;\n    a & b;\n    ! a;\n    x=1 cmd;\n    declare -a z=(a 'b c');\n    z+=(d);\n    z[3]=e\n}\n",
		env:  "() {  a | b 2>&1 | c;\n a && b || c;\n a & b;\n ! a;\n x=1 cmd;\n declare -a z=(a 'b c');\n z+=(d);\n z[3]=e\n}",
	},
	{
		src:  "f() { (( x=1+2 )); ((y++)); for ((;;)); do break; done; for (( i = 0 ; i < 3 ; i++ )); do :; done; }",
		want: "f () \n{ \n    (( x=1+2 ));\n    ((y++));\n    for ((1; 1; 1))\n    do\n        break;\n    done;\n    for ((i = 0 ; i < 3 ; i++ ))\n    do\n        :;\n    done\n}\n",
		env:  "() {  (( x=1+2 ));\n ((y++));\n for ((1; 1; 1))\n do\n break;\n done;\n for ((i = 0 ; i < 3 ; i++ ))\n do\n :;\n done\n}",
	},
	{
		src:  "f() { [[ ! ( -f a || -d b ) ]]; [[ a =~ ^x(y)$ ]]; [[ $a ]]; [[ $a && $b ]]; [[ ! $a ]]; [[ a < b || -z \"$c\" ]]; }",
		want: "f () \n{ \n    [[ ! ( -f a || -d b ) ]];\n    [[ a =~ ^x(y)$ ]];\n    [[ -n $a ]];\n    [[ -n $a && -n $b ]];\n    [[ ! -n $a ]];\n    [[ a < b || -z \"$c\" ]]\n}\n",
		env:  "() {  [[ ! ( -f a || -d b ) ]];\n [[ a =~ ^x(y)$ ]];\n [[ -n $a ]];\n [[ -n $a && -n $b ]];\n [[ ! -n $a ]];\n [[ a < b || -z \"$c\" ]]\n}",
	},
	{
		src:  "f() { cat <<EOF2 > out; echo after; cat <<-'X' | wc\nhello $x\nEOF2\n\ttab\n\tX\necho z; }",
		want: "f () \n{ \n    cat <<EOF2 > out\nhello $x\nEOF2\n\n    echo after\n    cat <<-'X' |\ntab\nX\n  wc\n    echo z\n}\n",
		env:  "() {  cat <<EOF2 > out\nhello $x\nEOF2\n\n echo after\n cat <<-'X' |\ntab\nX\n  wc\n echo z\n}",
	},
	{
		src:  "f() { echo a >f 2>&1 <in 3>>g 4<>h 5>&- >|x &>both &>>both2 <<<\"str\" 2>&-; exec {fd}>file; cmd 0<&3; }",
		want: "f () \n{ \n    echo a > f 2>&1 < in 3>> g 4<> h 5>&- >| x &> both &>> both2 <<< \"str\" 2>&-;\n    exec {fd}> file;\n    cmd 0<&3\n}\n",
		env:  "() {  echo a > f 2>&1 < in 3>> g 4<> h 5>&- >| x &> both &>> both2 <<< \"str\" 2>&-;\n exec {fd}> file;\n cmd 0<&3\n}",
	},
	{
		src:  "f() { d 1>f 0<g >&2 2>&1- <&- 1>&- >&$fd; >only; 2>err cmd; }",
		want: "f () \n{ \n    d > f < g 1>&2 2>&1- 0>&- 1>&- >&$fd;\n    > only;\n    cmd 2> err\n}\n",
		env:  "() {  d > f < g 1>&2 2>&1- 0>&- 1>&- >&$fd;\n > only;\n cmd 2> err\n}",
	},
	{
		src:  "f() { inner() { echo in; }; function inner2 { echo in2; }; coproc cat; coproc NAME { cat; }; coproc { cat; }; }",
		want: "f () \n{ \n    function inner () \n    { \n        echo in\n    };\n    function inner2 () \n    { \n        echo in2\n    };\n    coproc COPROC cat;\n    coproc NAME { \n        cat\n    };\n    coproc COPROC { \n        cat\n    }\n}\n",
		env:  "() {  function inner () \n { \n echo in\n };\n function inner2 () \n { \n echo in2\n };\n coproc COPROC cat;\n coproc NAME { \n cat\n };\n coproc COPROC { \n cat\n }\n}",
	},
	{
		src:  "f() { ( a ) ; ( ( a ) ); ( a; b ) & c; { a; } & (a) > f; time a | b; time -p c; ! a | b; }",
		want: "f () \n{ \n    ( a );\n    ( ( a ) );\n    ( a;\n    b ) & c;\n    { \n        a\n    } & ( a ) > f;\n    time a | b;\n    time -p c;\n    ! a | b\n}\n",
		env:  "() {  ( a );\n ( ( a ) );\n ( a;\n b ) & c;\n { \n a\n } & ( a ) > f;\n time a | b;\n time -p c;\n ! a | b\n}",
	},
	{
		src:  "f() { echo $((1+2)) $(( x * 3 )) \"$(  echo   a ;  echo b )\" <(  cat ) ${a[i+1]} ${x:1+1:2} ${x: -1} ${x:-a b} ~/x \"${x//a/b}\" ${x/a} ${#x} ${!x} ${!pre*} ${x@Q} ${x^^} \"${a[@]}\"; }",
		want: "f () \n{ \n    echo $((1+2)) $(( x * 3 )) \"$(echo a; echo b)\" <(cat) ${a[i+1]} ${x:1+1:2} ${x: -1} ${x:-a b} ~/x \"${x//a/b}\" ${x/a} ${#x} ${!x} ${!pre*} ${x@Q} ${x^^} \"${a[@]}\"\n}\n",
		env:  "() {  echo $((1+2)) $(( x * 3 )) \"$(echo a; echo b)\" <(cat) ${a[i+1]} ${x:1+1:2} ${x: -1} ${x:-a b} ~/x \"${x//a/b}\" ${x/a} ${#x} ${!x} ${!pre*} ${x@Q} ${x^^} \"${a[@]}\"\n}",
	},
	{
		src:  "f() { echo $'a\\n' $'it\\'s\\t' $\"loc\" 'sq' \"dq $x \\$y \\\" z\" \\a\\ b; a[i+1]=3; b=([1]=x [k+1]=y); let x=1+2 \"y = 3\"; }",
		want: "f () \n{ \n    echo 'a\n' 'it'\\''s\t' \"loc\" 'sq' \"dq $x \\$y \\\" z\" \\a\\ b;\n    a[i+1]=3;\n    b=([1]=x [k+1]=y);\n    let x=1+2 \"y = 3\"\n}\n",
		env:  "() {  echo 'a\n' 'it'\\''s\t' \"loc\" 'sq' \"dq $x \\$y \\\" z\" \\a\\ b;\n a[i+1]=3;\n b=([1]=x [k+1]=y);\n let x=1+2 \"y = 3\"\n}",
	},
	{
		src:  "f() { echo a; # comment\n  # another\n  echo b  # c\n}",
		want: "f () \n{ \n    echo a;\n    echo b\n}\n",
		env:  "() {  echo a;\n echo b\n}",
	},
	{
		src:  "f() { if a; then :; fi >out 2>&1; while :; do :; done <in; { a; } 2>/dev/null; }",
		want: "f () \n{ \n    if a; then\n        :;\n    fi > out 2>&1;\n    while :; do\n        :;\n    done < in;\n    { \n        a\n    } 2> /dev/null\n}\n",
		env:  "() {  if a; then\n :;\n fi > out 2>&1;\n while :; do\n :;\n done < in;\n { \n a\n } 2> /dev/null\n}",
	},
	{
		src:  "f() ( echo sub )",
		want: "f () \n{ \n    ( echo sub )\n}\n",
		env:  "() {  ( echo sub )\n}",
	},
	{
		src:  "f() if true; then echo x; fi",
		want: "f () \n{ \n    if true; then\n        echo x;\n    fi\n}\n",
		env:  "() {  if true; then\n echo x;\n fi\n}",
	},
	{
		src:  "f() { a; } >log 2>&1",
		want: "f () \n{ \n    a\n} > log 2>&1\n",
		env:  "() {  a\n} > log 2>&1",
	},
	{
		src:  "function f { a; }",
		want: "f () \n{ \n    a\n}\n",
		env:  "() {  a\n}",
	},
	{
		src:  "f() { local x=1 y; export a b=2; readonly r; declare -r -x q=1; typeset t; ! { a; }; }",
		want: "f () \n{ \n    local x=1 y;\n    export a b=2;\n    readonly r;\n    declare -r -x q=1;\n    typeset t;\n    ! { \n        a\n    }\n}\n",
		env:  "() {  local x=1 y;\n export a b=2;\n readonly r;\n declare -r -x q=1;\n typeset t;\n ! { \n a\n }\n}",
	},
	{
		src:  "f() { while read l; do echo $l; done <<EOF\nbody $l\nEOF\n a; }",
		want: "f () \n{ \n    while read l; do\n        echo $l;\n    done <<EOF\nbody $l\nEOF\n\n    a\n}\n",
		env:  "() {  while read l; do\n echo $l;\n done <<EOF\nbody $l\nEOF\n\n a\n}",
	},
	{
		src:  "f() { ( a; ( b; c ) ); a && { b; c; } || d; if a; then ( b; c ); fi; x=$(\na\nb\n); }",
		want: "f () \n{ \n    ( a;\n    ( b;\n    c ) );\n    a && { \n        b;\n        c\n    } || d;\n    if a; then\n        ( b;\n        c );\n    fi;\n    x=$(a\nb)\n}\n",
		env:  "() {  ( a;\n ( b;\n c ) );\n a && { \n b;\n c\n } || d;\n if a; then\n ( b;\n c );\n fi;\n x=$(a\nb)\n}",
	},
	{
		src:  "f() {\na\nb\nif x\ny\nthen z\nfi\n}",
		want: "f () \n{ \n    a;\n    b;\n    if x;\n    y; then\n        z;\n    fi\n}\n",
		env:  "() {  a;\n b;\n if x;\n y; then\n z;\n fi\n}",
	},
	{
		src:  "f() { a & }",
		want: "f () \n{ \n    a &\n}\n",
		env:  "() {  a &\n}",
	},
	{
		src:  "f() { while a; do b & done; while a; do cat <<E\nx\nE\ndone; cat <<E\nlast\nE\n}",
		want: "f () \n{ \n    while a; do\n        b &\n    done;\n    while a; do\n        cat <<E\nx\nE\n\n    done\n    cat <<E\nlast\nE\n\n}\n",
		env:  "() {  while a; do\n b &\n done;\n while a; do\n cat <<E\nx\nE\n\n done\n cat <<E\nlast\nE\n\n}",
	},
	{
		src:  "f() { if a; b; then c; fi; cat <<E | wc\nx\nE\necho x; }",
		want: "f () \n{ \n    if a;\n    b; then\n        c;\n    fi;\n    cat <<E |\nx\nE\n  wc\n    echo x\n}\n",
		env:  "() {  if a;\n b; then\n c;\n fi;\n cat <<E |\nx\nE\n  wc\n echo x\n}",
	},
	{
		src:  "f() { while a; do cat <<E\nx\nE\nb; done; c; }",
		want: "f () \n{ \n    while a; do\n        cat <<E\nx\nE\n\n        b;\n    done\n    c\n}\n",
		env:  "() {  while a; do\n cat <<E\nx\nE\n\n b;\n done\n c\n}",
	},
	{
		src:  "f() { cat <<A <<'B'; x\na $v\nA\nb $v\nB\n}",
		want: "f () \n{ \n    cat <<A <<'B'\na $v\nA\nb $v\nB\n\n    x\n}\n",
		env:  "() {  cat <<A <<'B'\na $v\nA\nb $v\nB\n\n x\n}",
	},
	{
		src:  "f() { case x in (a) b;; esac; case y in *) ;; esac; case \"$z\" in\n  a|b) c\n  ;;\n esac; }",
		want: "f () \n{ \n    case x in \n        a)\n            b\n        ;;\n    esac;\n    case y in \n        *)\n\n        ;;\n    esac;\n    case \"$z\" in \n        a | b)\n            c\n        ;;\n    esac\n}\n",
		env:  "() {  case x in \n a)\n b\n ;;\n esac;\n case y in \n *)\n\n ;;\n esac;\n case \"$z\" in \n a | b)\n c\n ;;\n esac\n}",
	},
	{
		src:  "f() { g() ( a ); h() { b; } >f; }",
		want: "f () \n{ \n    function g () \n    { \n        ( a )\n    };\n    function h () \n    { \n        b\n    } > f\n}\n",
		env:  "() {  function g () \n { \n ( a )\n };\n function h () \n { \n b\n } > f\n}",
	},
	{
		src:  "f() { if a; then b; else c; fi; if a; then if b; then c; fi; fi; }",
		want: "f () \n{ \n    if a; then\n        b;\n    else\n        c;\n    fi;\n    if a; then\n        if b; then\n            c;\n        fi;\n    fi\n}\n",
		env:  "() {  if a; then\n b;\n else\n c;\n fi;\n if a; then\n if b; then\n c;\n fi;\n fi\n}",
	},
	{
		src:  "f() { for i in \"$@\"; do if [[ $i == -* ]]; then shift; continue; fi; break; done; }",
		want: "f () \n{ \n    for i in \"$@\";\n    do\n        if [[ $i == -* ]]; then\n            shift;\n            continue;\n        fi;\n        break;\n    done\n}\n",
		env:  "() {  for i in \"$@\";\n do\n if [[ $i == -* ]]; then\n shift;\n continue;\n fi;\n break;\n done\n}",
	},
	{
		src:  "f() { x=${y:-$(echo z)}; echo \"${x%.*}\" \"${x##*/}\" ${x,,} ${#a[@]} ${a[*]} ${a[$i]}; }",
		want: "f () \n{ \n    x=${y:-$(echo z)};\n    echo \"${x%.*}\" \"${x##*/}\" ${x,,} ${#a[@]} ${a[*]} ${a[$i]}\n}\n",
		env:  "() {  x=${y:-$(echo z)};\n echo \"${x%.*}\" \"${x##*/}\" ${x,,} ${#a[@]} ${a[*]} ${a[$i]}\n}",
	},
	{
		src:  "f() { echo `echo c`; echo @(a|b) !(x) *(y) +(z) ?(w); }",
		want: "f () \n{ \n    echo `echo c`;\n    echo @(a|b) !(x) *(y) +(z) ?(w)\n}\n",
		env:  "() {  echo `echo c`;\n echo @(a|b) !(x) *(y) +(z) ?(w)\n}",
	},
	{
		src:  "f() { a && b & c || d; }",
		want: "f () \n{ \n    a && b & c || d\n}\n",
		env:  "() {  a && b & c || d\n}",
	},
	{
		src:  "f() { ( while a; do b; done ); { case a in a) b;; esac; }; }",
		want: "f () \n{ \n    ( while a; do\n        b;\n    done );\n    { \n        case a in \n            a)\n                b\n            ;;\n        esac\n    }\n}\n",
		env:  "() {  ( while a; do\n b;\n done );\n { \n case a in \n a)\n b\n ;;\n esac\n }\n}",
	},
	{
		src:  "f() { a <<<s; b; cat <<E; c; d; }\nx\nE",
		want: "f () \n{ \n    a <<< s;\n    b;\n    cat <<E\nx\nE\n\n    c;\n    d\n}\n",
		env:  "() {  a <<< s;\n b;\n cat <<E\nx\nE\n\n c;\n d\n}",
	},
	{
		src:  "f() { cat <<E; c; d; e; }\nx\nE",
		want: "f () \n{ \n    cat <<E\nx\nE\n\n    c\n    d;\n    e\n}\n",
		env:  "() {  cat <<E\nx\nE\n\n c\n d;\n e\n}",
	},
	{
		src:  "f() { a; cat <<E && b | c; d; }\nx\nE",
		want: "f () \n{ \n    a;\n    cat <<E && \nx\nE\n b | c\n    d\n}\n",
		env:  "() {  a;\n cat <<E && \nx\nE\n b | c\n d\n}",
	},
	{
		src:  "f() { a | cat <<E; d; e; }\nx\nE",
		want: "f () \n{ \n    a | cat <<E\nx\nE\n\n    d;\n    e\n}\n",
		env:  "() {  a | cat <<E\nx\nE\n\n d;\n e\n}",
	},
	{
		src:  "f() { a <<E & b; c; }\nx\nE",
		want: "f () \n{ \n    a <<E &\nx\nE\n  b\n    c\n}\n",
		env:  "() {  a <<E &\nx\nE\n  b\n c\n}",
	},
	{
		src:  "f() { x; while a; do cat <<E\nx\nE\ndone; c; d; }",
		want: "f () \n{ \n    x;\n    while a; do\n        cat <<E\nx\nE\n\n    done\n    c;\n    d\n}\n",
		env:  "() {  x;\n while a; do\n cat <<E\nx\nE\n\n done\n c;\n d\n}",
	},
	{
		src:  "f() { { cat <<E; }; b; }\nx\nE",
		want: "f () \n{ \n    { \n        cat <<E\nx\nE\n\n    }\n    b\n}\n",
		env:  "() {  { \n cat <<E\nx\nE\n\n }\n b\n}",
	},
	{
		src:  "f() { a=${x/a/} b=${x//a} c=${x/#a/}; d=$({ a\nb; } 2>&1; c\nd); (( a &&\n  b )); (( c && \\\n   d )); }",
		want: "f () \n{ \n    a=${x/a/} b=${x//a} c=${x/#a/};\n    d=$({ a\nb; } 2>&1; c\nd);\n    (( a &&\n  b ));\n    (( c &&    d ))\n}\n",
		env:  "() {  a=${x/a/} b=${x//a} c=${x/#a/};\n d=$({ a\nb; } 2>&1; c\nd);\n (( a &&\n  b ));\n (( c &&    d ))\n}",
	},
	{
		src:  "f() { IFS=$'\\0'; x=$'a\\x00b' y=$'\\u00e9\\101\\cA'; }",
		want: "f () \n{ \n    IFS='';\n    x='a' y='\u00e9A\u0001'\n}\n",
		env:  "() {  IFS='';\n x='a' y='\u00e9A\u0001'\n}",
	},
	{
		src:  "f() { if ((a[i] < b[i+1])); then echo $((c[0] * 2)); fi; }",
		want: "f () \n{ \n    if ((a[i] < b[i+1])); then\n        echo $((c[0] * 2));\n    fi\n}\n",
		env:  "() {  if ((a[i] < b[i+1])); then\n echo $((c[0] * 2));\n fi\n}",
	},
	{
		src:  "f() ( a ) >log",
		want: "f () \n{ \n    ( a ) > log\n}\n",
		env:  "() {  ( a ) > log\n}",
	},
	{
		src:  "f() [[ -n x ]]",
		want: "f () \n{ \n    [[ -n x ]]\n}\n",
		env:  "() {  [[ -n x ]]\n}",
	},
	{
		src:  "f() (( x++ ))",
		want: "f () \n{ \n    (( x++ ))\n}\n",
		env:  "() {  (( x++ ))\n}",
	},
	{
		src:  "f() for i in 1; do :; done",
		want: "f () \n{ \n    for i in 1;\n    do\n        :;\n    done\n}\n",
		env:  "() {  for i in 1;\n do\n :;\n done\n}",
	},
	{
		src:  "f() { select x; do :; done; time { a; }; echo >(cat) <(cat) 2> >(cat >&2); }",
		want: "f () \n{ \n    select x in \"$@\";\n    do\n        :;\n    done;\n    time { \n        a\n    };\n    echo >(cat) <(cat) 2> >(cat 1>&2)\n}\n",
		env:  "() {  select x in \"$@\";\n do\n :;\n done;\n time { \n a\n };\n echo >(cat) <(cat) 2> >(cat 1>&2)\n}",
	},
	{
		src:  "f() { cat <<\"E\" <<\\F; cat <<-E2\n$not\nE\n$nor\nF\n\t\ta $x\n\tE2\n}",
		want: "f () \n{ \n    cat <<'E' <<'F'\n$not\nE\n$nor\nF\n\n    cat <<-E2\na $x\nE2\n\n}\n",
		env:  "() {  cat <<'E' <<'F'\n$not\nE\n$nor\nF\n\n cat <<-E2\na $x\nE2\n\n}",
	},
	{
		src:  "f() { function g() { :; } >/dev/null; h() ( x ); }",
		want: "f () \n{ \n    function g () \n    { \n        :\n    } > /dev/null;\n    function h () \n    { \n        ( x )\n    }\n}\n",
		env:  "() {  function g () \n { \n :\n } > /dev/null;\n function h () \n { \n ( x )\n }\n}",
	},
	{
		src:  "f() { case \"$1\" in '*') a ;; \"x y\"|z\\ w) b ;;& *) c ;& esac; }",
		want: "f () \n{ \n    case \"$1\" in \n        '*')\n            a\n        ;;\n        \"x y\" | z\\ w)\n            b\n        ;;&\n        *)\n            c\n        ;&\n    esac\n}\n",
		env:  "() {  case \"$1\" in \n '*')\n a\n ;;\n \"x y\" | z\\ w)\n b\n ;;&\n *)\n c\n ;&\n esac\n}",
	},
	{
		src:  "f() { x+=1 y[2]+=3; declare -A m=([a]=1 [\"b c\"]=2); local -n ref=x; a=() b=(); }",
		want: "f () \n{ \n    x+=1 y[2]+=3;\n    declare -A m=([a]=1 [\"b c\"]=2);\n    local -n ref=x;\n    a=() b=()\n}\n",
		env:  "() {  x+=1 y[2]+=3;\n declare -A m=([a]=1 [\"b c\"]=2);\n local -n ref=x;\n a=() b=()\n}",
	},
	{
		src:  "f() { echo ${x:?err} ${x:=d} ${x:+alt} ${x#p} ${x%%s} ${x^} ${x,} ${!a[@]} ${#a[@]} ${a[@]:1:2} \"${@:2}\" $1 ${10} $# $? $$ $! $- $_; }",
		want: "f () \n{ \n    echo ${x:?err} ${x:=d} ${x:+alt} ${x#p} ${x%%s} ${x^} ${x,} ${!a[@]} ${#a[@]} ${a[@]:1:2} \"${@:2}\" $1 ${10} $# $? $$ $! $- $_\n}\n",
		env:  "() {  echo ${x:?err} ${x:=d} ${x:+alt} ${x#p} ${x%%s} ${x^} ${x,} ${!a[@]} ${#a[@]} ${a[@]:1:2} \"${@:2}\" $1 ${10} $# $? $$ $! $- $_\n}",
	},
	{
		src:  "f() { [[ $a -eq 1 || $b -lt 2 ]] && [[ -z $c ]] || [[ $d != e ]]; [[ ( a == b ) ]]; [[ -v x ]]; [[ a -nt b ]]; }",
		want: "f () \n{ \n    [[ $a -eq 1 || $b -lt 2 ]] && [[ -z $c ]] || [[ $d != e ]];\n    [[ ( a == b ) ]];\n    [[ -v x ]];\n    [[ a -nt b ]]\n}\n",
		env:  "() {  [[ $a -eq 1 || $b -lt 2 ]] && [[ -z $c ]] || [[ $d != e ]];\n [[ ( a == b ) ]];\n [[ -v x ]];\n [[ a -nt b ]]\n}",
	},
	{
		src:  "f() { until ! a; do :; done; while ! a && b; do :; done; if ! a; then :; fi; }",
		want: "f () \n{ \n    until ! a; do\n        :;\n    done;\n    while ! a && b; do\n        :;\n    done;\n    if ! a; then\n        :;\n    fi\n}\n",
		env:  "() {  until ! a; do\n :;\n done;\n while ! a && b; do\n :;\n done;\n if ! a; then\n :;\n fi\n}",
	},
	{
		src:  "f() { a | { b; c; } | ( d ); }",
		want: "f () \n{ \n    a | { \n        b;\n        c\n    } | ( d )\n}\n",
		env:  "() {  a | { \n b;\n c\n } | ( d )\n}",
	},
	{
		src:  "f() { { a; b; } & wait; ( c ) & }",
		want: "f () \n{ \n    { \n        a;\n        b\n    } & wait;\n    ( c ) &\n}\n",
		env:  "() {  { \n a;\n b\n } & wait;\n ( c ) &\n}",
	},
}
