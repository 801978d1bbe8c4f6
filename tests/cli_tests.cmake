# CLI tests are added here.
