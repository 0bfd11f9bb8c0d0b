"""Knowledge base tooling: training and evaluating the intent matcher on labelled data."""
