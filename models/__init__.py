"""avet's MT engines behind one Protocol. Imports no other package of avet's."""
