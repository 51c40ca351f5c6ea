"""Generate random IKU documents with their gold (samples/generator/).

    .venv/bin/python samples/generate_random.py --split dev [--count N] [--out DIR] [--jobs N]

Seeds: dev = 0..199, test = 10000..10099. Output: output/generated/<split>/
(git-ignored): <name>.pdf, <name>.json (gold), <name>.choices.json.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from samples.generator.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
