"""A small web-shop schema used to record Django's own QuerySet answers.

The Java side parses this file as text (it never runs it), so every argument
is a plain literal or a ``models.X`` reference: no computed defaults, no
custom managers, no methods.

Relation kinds covered:
  * ForeignKey, not nullable ........ Order.customer, OrderLine.order/product, Review.product
  * ForeignKey, nullable ............ Product.category, Review.author, Customer.referred_by
  * ForeignKey to "self" ............ Category.parent, Customer.referred_by
  * string reference "shop.Model" ... Product.category
  * OneToOneField ................... Profile.customer
  * ManyToManyField, auto through ... Product.tags (table shop_product_tags)
  * ManyToManyField, through= ....... Order.products (through OrderLine)
  * related_name .................... most relations
  * related_query_name .............. Product.category ("product"), OrderLine.product ("line"),
                                      Review.author ("reviewer")
  * no related_name at all .......... Order.customer -> customer.order_set / filter(order__...)
  * db_table ........................ Profile -> "customer_profile"
  * db_column ....................... Order.coupon_code -> column "coupon"
  * Meta.ordering ................... Category, Tag (by name), Customer ("-joined", "id"),
                                      Review ("-created", "id"); none on Profile, Product,
                                      Order, OrderLine
"""
from django.db import models


class Category(models.Model):
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="children")
    position = models.SmallIntegerField(default=0)

    class Meta:
        ordering = ["name"]


class Customer(models.Model):
    name = models.CharField(max_length=80)
    email = models.EmailField(unique=True)
    city = models.CharField(max_length=60, null=True, blank=True)
    website = models.URLField(null=True, blank=True)
    joined = models.DateField()
    loyalty_points = models.PositiveIntegerField(default=0)
    is_vip = models.BooleanField(default=False)
    external_id = models.UUIDField(unique=True)
    referred_by = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="referrals")

    class Meta:
        ordering = ["-joined", "id"]


class Profile(models.Model):
    customer = models.OneToOneField(Customer, on_delete=models.CASCADE, related_name="profile")
    bio = models.TextField(blank=True)
    preferences = models.JSONField(null=True, blank=True)
    lifetime_views = models.BigIntegerField(default=0)
    last_login = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "customer_profile"


class Tag(models.Model):
    name = models.CharField(max_length=40, unique=True)
    color = models.CharField(max_length=20, null=True, blank=True)

    class Meta:
        ordering = ["name"]


class Product(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    category = models.ForeignKey("shop.Category", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="products", related_query_name="product")
    price = models.DecimalField(max_digits=10, decimal_places=2)
    weight_kg = models.FloatField(null=True, blank=True)
    stock = models.IntegerField(default=0)
    active = models.BooleanField(default=True)
    released = models.DateField(null=True, blank=True)
    warranty = models.DurationField(null=True, blank=True)
    sku = models.UUIDField(unique=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="products")


class Order(models.Model):
    # No related_name: the reverse accessor is customer.order_set and the
    # reverse query name is "order" (Customer.objects.filter(order__status=...)).
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
    placed_at = models.DateTimeField()
    status = models.CharField(max_length=20)
    total = models.DecimalField(max_digits=12, decimal_places=2)
    shipping_fee = models.FloatField(default=0.0)
    coupon_code = models.CharField(max_length=30, null=True, blank=True, db_column="coupon")
    delivery_slot = models.TimeField(null=True, blank=True)
    shipped_on = models.DateField(null=True, blank=True)
    reference = models.BigIntegerField(unique=True)
    note = models.TextField(blank=True)
    products = models.ManyToManyField(Product, through="OrderLine", related_name="orders")


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="order_lines",
                                related_query_name="line")
    quantity = models.PositiveIntegerField()
    unit_price = models.DecimalField(max_digits=10, decimal_places=2)
    discount = models.FloatField(null=True, blank=True)


class Review(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="reviews")
    author = models.ForeignKey(Customer, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="reviews", related_query_name="reviewer")
    rating = models.SmallIntegerField()
    title = models.CharField(max_length=120)
    body = models.TextField(blank=True)
    created = models.DateTimeField()
    helpful = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created", "id"]
