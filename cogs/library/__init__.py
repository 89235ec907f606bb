"""The works a server reads: uploads, the library console, owner tools and the public pages."""
