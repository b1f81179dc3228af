"""HTTP views of the two photo APIs served by ``photos`` itself: the generic photo resource
(``generic.py``) and the Graph API (``graph.py``), with what they share."""
