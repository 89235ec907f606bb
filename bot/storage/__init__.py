"""Storage: the only package with SQL. The connection owner, migrations, and one repository per capability."""
