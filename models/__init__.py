"""The shipped model directories (models/default/), installed as package data of `screening_models`."""
