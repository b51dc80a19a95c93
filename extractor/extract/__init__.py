"""Extract stage: number tokens in the matching view -> typed, located claims.

`tokens` finds and values number tokens, `lexicon` compiles the words the rules use,
`rules` decides what a token counts, `attributes` its level, modality and qualifier, and
`claims` puts them together with offsets into the original text."""
