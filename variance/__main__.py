"""`python -m variance ...`: the command line, also a file `spark-submit` can run."""

from variance.cli import run

if __name__ == "__main__":
    run()
