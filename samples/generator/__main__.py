"""python -m samples.generator --split dev|test [--count N] [--out DIR]"""
import sys

from .cli import main

sys.exit(main())
