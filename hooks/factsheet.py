"""The site's MkDocs hooks: table labels for phones, and the Pagefind search index after each build.

The code lives in the factsheet package (generator/render/site_hooks.py), where it is tested;
MkDocs loads hooks from a file named in mkdocs.yml, so this file only hands them over.
"""

from generator.render.site_hooks import on_config, on_post_build

__all__ = ["on_config", "on_post_build"]
