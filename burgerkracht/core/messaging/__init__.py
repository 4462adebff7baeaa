"""Every message that reaches a person: the e-mail outbox (`models`, `outbox`, the SMTP
hand-over in `smtp`), notifications that respect preferences, and reminders of due things."""
