from .category import *  # noqa
from .product import Product
