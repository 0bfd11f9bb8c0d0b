"""The bot stage: decide, for each customer message, to answer, to ask, or to hand over."""
