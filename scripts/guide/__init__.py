"""What the build does to the guide's pages: fillers for markers, and HTML transforms."""
