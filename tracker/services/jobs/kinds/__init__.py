"""One module per kind of background job; each calls ``register(JobKind(...))`` when imported."""
