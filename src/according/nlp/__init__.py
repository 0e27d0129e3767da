"""Document -> spaCy Doc: model loading and chunked parsing."""
