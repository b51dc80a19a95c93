"""Text helpers every stage reads with: the matching view and the scans over it.

`normalize` builds the matching view (simplified, half-width, page counters cut out) with
offsets back into the original; `codepoints` tests characters over a whole text at once;
`spans` finds sentence and clause boundaries; `patterns` compiles the data files' patterns."""
