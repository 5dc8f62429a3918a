"""Lotteries: the provably fair draw (``draw``), the proof anyone can verify (``proof``), what a
lottery round is (``model``) and the rounds of a show (``service``)."""
