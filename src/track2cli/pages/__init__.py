"""Pages: the document model, its plain and Rich back ends, and search."""
