"""Sources stage: paths, directories and archives -> the bytes of each file, decoded to text.

`read` walks paths and archives (`archives`), `formats` takes the text out of .docx and
.pdf files, `decode` turns bytes into text and names the encoding."""
