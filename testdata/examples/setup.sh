# Runs once before the cases of this directory, in $SHAREDDIR.
printf '%s\n' apple banana cherry > fruit.txt
