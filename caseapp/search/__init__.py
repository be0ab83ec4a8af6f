"""Finding things across the areas: cases by their words, parties and filters."""
