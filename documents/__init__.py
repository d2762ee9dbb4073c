"""The kernel the domain apps share: stored files, upload checks, sanitising, PDF downloads and
the exemption paragraphs of Schedule 12A. It stands on the ground (panel/) and nothing else."""
