"""avet's Textual review app. Imports glossary; anything else is passed in."""
