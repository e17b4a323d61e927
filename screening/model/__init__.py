"""The fruitless-claim model floor: the scorer protocol, features, backends, model directories, the score step.

Nothing here imports training (`screening.training`) or the pipeline; the pipeline's `resolve_model()`
is what reads a `--model` value and loads a directory.
"""
