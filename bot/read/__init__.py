"""Reading a work in order: sections to jump to, within what a select menu holds."""
