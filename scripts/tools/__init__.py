"""Tools run beside the build: the PDF, reports on the built site, the benchmark."""
