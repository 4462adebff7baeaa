"""What a resident may attach to an application: the kinds and sizes are the ATTACHMENTS
policy of burgerkracht.core.files.uploads (checked by content, scanned when a scanner is set);
the number of files is a rule of the application, kept here."""

from __future__ import annotations

from burgerkracht.core.files.uploads import ATTACHMENTS

MAX_FILES = 10
POLICY = ATTACHMENTS
