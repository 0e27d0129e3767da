"""Accuracy evaluation: read gold annotations, score ledgers against them (docs/eval.md).

`gold` reads our hand-made gold (JSON) and PolNeAR (brat standoff) into one record type,
`scorer` matches predicted attributions to gold ones and counts what is right, and `hedges`
scores hedge cues on the news part of the Szeged uncertainty corpus. None of these modules
runs the extractor; the CLI (`according eval`) does, and passes the ledgers in.
"""
