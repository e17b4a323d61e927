"""Example petitions, installed as package data of `screening_examples` (the web form offers them)."""
