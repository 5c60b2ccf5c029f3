"""What happens after an agreement is approved: documents, reminders, the referrer's copy."""
