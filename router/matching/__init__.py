"""The bot's model: the Rust matcher trained from the knowledge base, behind the domain's
`Classifier` and `Answers` protocols, retrained in the background and swapped whole."""
