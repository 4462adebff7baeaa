SOURCES: list = []
