"""Coverage: what each version carries and drops, and which omissions matter."""
