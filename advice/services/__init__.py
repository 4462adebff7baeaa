"""Every write in the advice register, one function per change, each in the audit trail."""
