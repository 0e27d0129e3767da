"""bytes/files -> Document: plain text, HTML, the JSON article object, stdin."""
