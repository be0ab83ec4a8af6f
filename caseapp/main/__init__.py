"""The pages that belong to no area: home, language, health; errors and template helpers."""
