"""Les exemples livrés avec convgen : données du paquet convgen.exemples."""
