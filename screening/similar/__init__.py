"""Similar published rulings beside a screening: the index (load, verify, query) and the pipeline step."""
