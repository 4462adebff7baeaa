"""Personal data: how long it is kept (`retention`, `retention_kinds`) and the purge that
applies it, and special-category text encrypted at rest (`crypto`, `fields`, `encryption`,
`migration_ops`)."""
