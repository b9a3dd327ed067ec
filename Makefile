# The two commands of the README. Both create .venv/ and install into it.
.PHONY: run test

run:  ## install, migrate, load the content, create admin accounts, serve on :8000
	bin/run-local

test:  ## install and run the whole test suite (SQLite; set DATABASE_URL for PostgreSQL)
	bin/test
