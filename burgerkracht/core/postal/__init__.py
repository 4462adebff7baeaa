"""Letters on paper (SC-11): the post item (`models`), making a letter (`letters`), the
officials' queue (`queue`) and its pages (`views`)."""
