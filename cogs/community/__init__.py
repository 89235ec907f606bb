"""What a server does together: /discuss threads, the passage of the day, reactions and the hall of fame."""
