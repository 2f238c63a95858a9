"""Les modèles Word livrés avec convgen : données du paquet convgen.modeles."""
