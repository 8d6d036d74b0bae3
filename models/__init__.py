"""Section classifiers (topic and role) and their shipped default weights."""
