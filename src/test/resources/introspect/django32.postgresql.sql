-- Written by Django 3.2 (manage.py migrate, then the database's own dump) for a throwaway project: auth,
-- contenttypes, and apps shop and analytics (models in IntrospectionDjangoTest's comment).
CREATE SCHEMA qss_importer_intro;
CREATE TABLE qss_importer_intro.analytics_realmcount (
    id integer NOT NULL,
    value bigint NOT NULL,
    end_time timestamp with time zone NOT NULL,
    realm_id integer NOT NULL
);
CREATE SEQUENCE qss_importer_intro.analytics_realmcount_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE qss_importer_intro.analytics_realmcount_id_seq OWNED BY qss_importer_intro.analytics_realmcount.id;
CREATE TABLE qss_importer_intro.analytics_streamcount (
    id integer NOT NULL,
    stream_id integer NOT NULL,
    realm_id integer NOT NULL
);
CREATE SEQUENCE qss_importer_intro.analytics_streamcount_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE qss_importer_intro.analytics_streamcount_id_seq OWNED BY qss_importer_intro.analytics_streamcount.id;
CREATE TABLE qss_importer_intro.auth_group (
    id integer NOT NULL,
    name character varying(150) NOT NULL
);
CREATE SEQUENCE qss_importer_intro.auth_group_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE qss_importer_intro.auth_group_id_seq OWNED BY qss_importer_intro.auth_group.id;
CREATE TABLE qss_importer_intro.auth_group_permissions (
    id integer NOT NULL,
    group_id integer NOT NULL,
    permission_id integer NOT NULL
);
CREATE SEQUENCE qss_importer_intro.auth_group_permissions_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE qss_importer_intro.auth_group_permissions_id_seq OWNED BY qss_importer_intro.auth_group_permissions.id;
CREATE TABLE qss_importer_intro.auth_permission (
    id integer NOT NULL,
    name character varying(255) NOT NULL,
    content_type_id integer NOT NULL,
    codename character varying(100) NOT NULL
);
CREATE SEQUENCE qss_importer_intro.auth_permission_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE qss_importer_intro.auth_permission_id_seq OWNED BY qss_importer_intro.auth_permission.id;
CREATE TABLE qss_importer_intro.auth_user (
    id integer NOT NULL,
    password character varying(128) NOT NULL,
    last_login timestamp with time zone,
    is_superuser boolean NOT NULL,
    username character varying(150) NOT NULL,
    first_name character varying(150) NOT NULL,
    last_name character varying(150) NOT NULL,
    email character varying(254) NOT NULL,
    is_staff boolean NOT NULL,
    is_active boolean NOT NULL,
    date_joined timestamp with time zone NOT NULL
);
CREATE TABLE qss_importer_intro.auth_user_groups (
    id integer NOT NULL,
    user_id integer NOT NULL,
    group_id integer NOT NULL
);
CREATE SEQUENCE qss_importer_intro.auth_user_groups_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE qss_importer_intro.auth_user_groups_id_seq OWNED BY qss_importer_intro.auth_user_groups.id;
CREATE SEQUENCE qss_importer_intro.auth_user_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE qss_importer_intro.auth_user_id_seq OWNED BY qss_importer_intro.auth_user.id;
CREATE TABLE qss_importer_intro.auth_user_user_permissions (
    id integer NOT NULL,
    user_id integer NOT NULL,
    permission_id integer NOT NULL
);
CREATE SEQUENCE qss_importer_intro.auth_user_user_permissions_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE qss_importer_intro.auth_user_user_permissions_id_seq OWNED BY qss_importer_intro.auth_user_user_permissions.id;
CREATE TABLE qss_importer_intro.django_content_type (
    id integer NOT NULL,
    app_label character varying(100) NOT NULL,
    model character varying(100) NOT NULL
);
CREATE SEQUENCE qss_importer_intro.django_content_type_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE qss_importer_intro.django_content_type_id_seq OWNED BY qss_importer_intro.django_content_type.id;
CREATE TABLE qss_importer_intro.django_migrations (
    id integer NOT NULL,
    app character varying(255) NOT NULL,
    name character varying(255) NOT NULL,
    applied timestamp with time zone NOT NULL
);
CREATE SEQUENCE qss_importer_intro.django_migrations_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE qss_importer_intro.django_migrations_id_seq OWNED BY qss_importer_intro.django_migrations.id;
CREATE TABLE qss_importer_intro.legacy_things (
    id integer NOT NULL,
    label character varying(20) NOT NULL
);
CREATE SEQUENCE qss_importer_intro.legacy_things_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE qss_importer_intro.legacy_things_id_seq OWNED BY qss_importer_intro.legacy_things.id;
CREATE TABLE qss_importer_intro.shop_productline (
    id integer NOT NULL,
    title character varying(80) NOT NULL,
    price numeric(8,2) NOT NULL,
    owner_id integer
);
CREATE SEQUENCE qss_importer_intro.shop_productline_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE qss_importer_intro.shop_productline_id_seq OWNED BY qss_importer_intro.shop_productline.id;
CREATE TABLE qss_importer_intro.shop_productline_related (
    id integer NOT NULL,
    from_productline_id integer NOT NULL,
    to_productline_id integer NOT NULL
);
CREATE SEQUENCE qss_importer_intro.shop_productline_related_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE qss_importer_intro.shop_productline_related_id_seq OWNED BY qss_importer_intro.shop_productline_related.id;
CREATE TABLE qss_importer_intro.shop_productline_watchers (
    id integer NOT NULL,
    productline_id integer NOT NULL,
    user_id integer NOT NULL
);
CREATE SEQUENCE qss_importer_intro.shop_productline_watchers_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE qss_importer_intro.shop_productline_watchers_id_seq OWNED BY qss_importer_intro.shop_productline_watchers.id;
CREATE TABLE qss_importer_intro.shop_realm (
    id integer NOT NULL,
    name character varying(40) NOT NULL
);
CREATE SEQUENCE qss_importer_intro.shop_realm_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE qss_importer_intro.shop_realm_id_seq OWNED BY qss_importer_intro.shop_realm.id;
CREATE TABLE qss_importer_intro.shop_realmmember (
    id integer NOT NULL,
    realm_id integer NOT NULL,
    user_id integer NOT NULL
);
CREATE SEQUENCE qss_importer_intro.shop_realmmember_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE qss_importer_intro.shop_realmmember_id_seq OWNED BY qss_importer_intro.shop_realmmember.id;
ALTER TABLE ONLY qss_importer_intro.analytics_realmcount ALTER COLUMN id SET DEFAULT nextval('qss_importer_intro.analytics_realmcount_id_seq'::regclass);
ALTER TABLE ONLY qss_importer_intro.analytics_streamcount ALTER COLUMN id SET DEFAULT nextval('qss_importer_intro.analytics_streamcount_id_seq'::regclass);
ALTER TABLE ONLY qss_importer_intro.auth_group ALTER COLUMN id SET DEFAULT nextval('qss_importer_intro.auth_group_id_seq'::regclass);
ALTER TABLE ONLY qss_importer_intro.auth_group_permissions ALTER COLUMN id SET DEFAULT nextval('qss_importer_intro.auth_group_permissions_id_seq'::regclass);
ALTER TABLE ONLY qss_importer_intro.auth_permission ALTER COLUMN id SET DEFAULT nextval('qss_importer_intro.auth_permission_id_seq'::regclass);
ALTER TABLE ONLY qss_importer_intro.auth_user ALTER COLUMN id SET DEFAULT nextval('qss_importer_intro.auth_user_id_seq'::regclass);
ALTER TABLE ONLY qss_importer_intro.auth_user_groups ALTER COLUMN id SET DEFAULT nextval('qss_importer_intro.auth_user_groups_id_seq'::regclass);
ALTER TABLE ONLY qss_importer_intro.auth_user_user_permissions ALTER COLUMN id SET DEFAULT nextval('qss_importer_intro.auth_user_user_permissions_id_seq'::regclass);
ALTER TABLE ONLY qss_importer_intro.django_content_type ALTER COLUMN id SET DEFAULT nextval('qss_importer_intro.django_content_type_id_seq'::regclass);
ALTER TABLE ONLY qss_importer_intro.django_migrations ALTER COLUMN id SET DEFAULT nextval('qss_importer_intro.django_migrations_id_seq'::regclass);
ALTER TABLE ONLY qss_importer_intro.legacy_things ALTER COLUMN id SET DEFAULT nextval('qss_importer_intro.legacy_things_id_seq'::regclass);
ALTER TABLE ONLY qss_importer_intro.shop_productline ALTER COLUMN id SET DEFAULT nextval('qss_importer_intro.shop_productline_id_seq'::regclass);
ALTER TABLE ONLY qss_importer_intro.shop_productline_related ALTER COLUMN id SET DEFAULT nextval('qss_importer_intro.shop_productline_related_id_seq'::regclass);
ALTER TABLE ONLY qss_importer_intro.shop_productline_watchers ALTER COLUMN id SET DEFAULT nextval('qss_importer_intro.shop_productline_watchers_id_seq'::regclass);
ALTER TABLE ONLY qss_importer_intro.shop_realm ALTER COLUMN id SET DEFAULT nextval('qss_importer_intro.shop_realm_id_seq'::regclass);
ALTER TABLE ONLY qss_importer_intro.shop_realmmember ALTER COLUMN id SET DEFAULT nextval('qss_importer_intro.shop_realmmember_id_seq'::regclass);
INSERT INTO qss_importer_intro.auth_permission VALUES (1, 'Can add permission', 1, 'add_permission');
INSERT INTO qss_importer_intro.auth_permission VALUES (2, 'Can change permission', 1, 'change_permission');
INSERT INTO qss_importer_intro.auth_permission VALUES (3, 'Can delete permission', 1, 'delete_permission');
INSERT INTO qss_importer_intro.auth_permission VALUES (4, 'Can view permission', 1, 'view_permission');
INSERT INTO qss_importer_intro.auth_permission VALUES (5, 'Can add group', 2, 'add_group');
INSERT INTO qss_importer_intro.auth_permission VALUES (6, 'Can change group', 2, 'change_group');
INSERT INTO qss_importer_intro.auth_permission VALUES (7, 'Can delete group', 2, 'delete_group');
INSERT INTO qss_importer_intro.auth_permission VALUES (8, 'Can view group', 2, 'view_group');
INSERT INTO qss_importer_intro.auth_permission VALUES (9, 'Can add user', 3, 'add_user');
INSERT INTO qss_importer_intro.auth_permission VALUES (10, 'Can change user', 3, 'change_user');
INSERT INTO qss_importer_intro.auth_permission VALUES (11, 'Can delete user', 3, 'delete_user');
INSERT INTO qss_importer_intro.auth_permission VALUES (12, 'Can view user', 3, 'view_user');
INSERT INTO qss_importer_intro.auth_permission VALUES (13, 'Can add content type', 4, 'add_contenttype');
INSERT INTO qss_importer_intro.auth_permission VALUES (14, 'Can change content type', 4, 'change_contenttype');
INSERT INTO qss_importer_intro.auth_permission VALUES (15, 'Can delete content type', 4, 'delete_contenttype');
INSERT INTO qss_importer_intro.auth_permission VALUES (16, 'Can view content type', 4, 'view_contenttype');
INSERT INTO qss_importer_intro.auth_permission VALUES (17, 'Can add legacy thing', 5, 'add_legacything');
INSERT INTO qss_importer_intro.auth_permission VALUES (18, 'Can change legacy thing', 5, 'change_legacything');
INSERT INTO qss_importer_intro.auth_permission VALUES (19, 'Can delete legacy thing', 5, 'delete_legacything');
INSERT INTO qss_importer_intro.auth_permission VALUES (20, 'Can view legacy thing', 5, 'view_legacything');
INSERT INTO qss_importer_intro.auth_permission VALUES (21, 'Can add realm', 6, 'add_realm');
INSERT INTO qss_importer_intro.auth_permission VALUES (22, 'Can change realm', 6, 'change_realm');
INSERT INTO qss_importer_intro.auth_permission VALUES (23, 'Can delete realm', 6, 'delete_realm');
INSERT INTO qss_importer_intro.auth_permission VALUES (24, 'Can view realm', 6, 'view_realm');
INSERT INTO qss_importer_intro.auth_permission VALUES (25, 'Can add realm member', 7, 'add_realmmember');
INSERT INTO qss_importer_intro.auth_permission VALUES (26, 'Can change realm member', 7, 'change_realmmember');
INSERT INTO qss_importer_intro.auth_permission VALUES (27, 'Can delete realm member', 7, 'delete_realmmember');
INSERT INTO qss_importer_intro.auth_permission VALUES (28, 'Can view realm member', 7, 'view_realmmember');
INSERT INTO qss_importer_intro.auth_permission VALUES (29, 'Can add product line', 8, 'add_productline');
INSERT INTO qss_importer_intro.auth_permission VALUES (30, 'Can change product line', 8, 'change_productline');
INSERT INTO qss_importer_intro.auth_permission VALUES (31, 'Can delete product line', 8, 'delete_productline');
INSERT INTO qss_importer_intro.auth_permission VALUES (32, 'Can view product line', 8, 'view_productline');
INSERT INTO qss_importer_intro.auth_permission VALUES (33, 'Can add stream statistic', 9, 'add_streamcount');
INSERT INTO qss_importer_intro.auth_permission VALUES (34, 'Can change stream statistic', 9, 'change_streamcount');
INSERT INTO qss_importer_intro.auth_permission VALUES (35, 'Can delete stream statistic', 9, 'delete_streamcount');
INSERT INTO qss_importer_intro.auth_permission VALUES (36, 'Can view stream statistic', 9, 'view_streamcount');
INSERT INTO qss_importer_intro.auth_permission VALUES (37, 'Can add realm count', 10, 'add_realmcount');
INSERT INTO qss_importer_intro.auth_permission VALUES (38, 'Can change realm count', 10, 'change_realmcount');
INSERT INTO qss_importer_intro.auth_permission VALUES (39, 'Can delete realm count', 10, 'delete_realmcount');
INSERT INTO qss_importer_intro.auth_permission VALUES (40, 'Can view realm count', 10, 'view_realmcount');
INSERT INTO qss_importer_intro.django_content_type VALUES (1, 'auth', 'permission');
INSERT INTO qss_importer_intro.django_content_type VALUES (2, 'auth', 'group');
INSERT INTO qss_importer_intro.django_content_type VALUES (3, 'auth', 'user');
INSERT INTO qss_importer_intro.django_content_type VALUES (4, 'contenttypes', 'contenttype');
INSERT INTO qss_importer_intro.django_content_type VALUES (5, 'shop', 'legacything');
INSERT INTO qss_importer_intro.django_content_type VALUES (6, 'shop', 'realm');
INSERT INTO qss_importer_intro.django_content_type VALUES (7, 'shop', 'realmmember');
INSERT INTO qss_importer_intro.django_content_type VALUES (8, 'shop', 'productline');
INSERT INTO qss_importer_intro.django_content_type VALUES (9, 'analytics', 'streamcount');
INSERT INTO qss_importer_intro.django_content_type VALUES (10, 'analytics', 'realmcount');
ALTER TABLE ONLY qss_importer_intro.analytics_realmcount
    ADD CONSTRAINT analytics_realmcount_pkey PRIMARY KEY (id);
ALTER TABLE ONLY qss_importer_intro.analytics_streamcount
    ADD CONSTRAINT analytics_streamcount_pkey PRIMARY KEY (id);
ALTER TABLE ONLY qss_importer_intro.auth_group
    ADD CONSTRAINT auth_group_name_key UNIQUE (name);
ALTER TABLE ONLY qss_importer_intro.auth_group_permissions
    ADD CONSTRAINT auth_group_permissions_group_id_permission_id_0cd325b0_uniq UNIQUE (group_id, permission_id);
ALTER TABLE ONLY qss_importer_intro.auth_group_permissions
    ADD CONSTRAINT auth_group_permissions_pkey PRIMARY KEY (id);
ALTER TABLE ONLY qss_importer_intro.auth_group
    ADD CONSTRAINT auth_group_pkey PRIMARY KEY (id);
ALTER TABLE ONLY qss_importer_intro.auth_permission
    ADD CONSTRAINT auth_permission_content_type_id_codename_01ab375a_uniq UNIQUE (content_type_id, codename);
ALTER TABLE ONLY qss_importer_intro.auth_permission
    ADD CONSTRAINT auth_permission_pkey PRIMARY KEY (id);
ALTER TABLE ONLY qss_importer_intro.auth_user_groups
    ADD CONSTRAINT auth_user_groups_pkey PRIMARY KEY (id);
ALTER TABLE ONLY qss_importer_intro.auth_user_groups
    ADD CONSTRAINT auth_user_groups_user_id_group_id_94350c0c_uniq UNIQUE (user_id, group_id);
ALTER TABLE ONLY qss_importer_intro.auth_user
    ADD CONSTRAINT auth_user_pkey PRIMARY KEY (id);
ALTER TABLE ONLY qss_importer_intro.auth_user_user_permissions
    ADD CONSTRAINT auth_user_user_permissions_pkey PRIMARY KEY (id);
ALTER TABLE ONLY qss_importer_intro.auth_user_user_permissions
    ADD CONSTRAINT auth_user_user_permissions_user_id_permission_id_14a6b632_uniq UNIQUE (user_id, permission_id);
ALTER TABLE ONLY qss_importer_intro.auth_user
    ADD CONSTRAINT auth_user_username_key UNIQUE (username);
ALTER TABLE ONLY qss_importer_intro.django_content_type
    ADD CONSTRAINT django_content_type_app_label_model_76bd3d3b_uniq UNIQUE (app_label, model);
ALTER TABLE ONLY qss_importer_intro.django_content_type
    ADD CONSTRAINT django_content_type_pkey PRIMARY KEY (id);
ALTER TABLE ONLY qss_importer_intro.django_migrations
    ADD CONSTRAINT django_migrations_pkey PRIMARY KEY (id);
ALTER TABLE ONLY qss_importer_intro.legacy_things
    ADD CONSTRAINT legacy_things_pkey PRIMARY KEY (id);
ALTER TABLE ONLY qss_importer_intro.shop_productline
    ADD CONSTRAINT shop_productline_pkey PRIMARY KEY (id);
ALTER TABLE ONLY qss_importer_intro.shop_productline_related
    ADD CONSTRAINT shop_productline_related_from_productline_id_to_p_f54e0f48_uniq UNIQUE (from_productline_id, to_productline_id);
ALTER TABLE ONLY qss_importer_intro.shop_productline_related
    ADD CONSTRAINT shop_productline_related_pkey PRIMARY KEY (id);
ALTER TABLE ONLY qss_importer_intro.shop_productline_watchers
    ADD CONSTRAINT shop_productline_watchers_pkey PRIMARY KEY (id);
ALTER TABLE ONLY qss_importer_intro.shop_productline_watchers
    ADD CONSTRAINT shop_productline_watchers_productline_id_user_id_3942c1d3_uniq UNIQUE (productline_id, user_id);
ALTER TABLE ONLY qss_importer_intro.shop_realm
    ADD CONSTRAINT shop_realm_pkey PRIMARY KEY (id);
ALTER TABLE ONLY qss_importer_intro.shop_realmmember
    ADD CONSTRAINT shop_realmmember_pkey PRIMARY KEY (id);
CREATE INDEX analytics_realmcount_realm_id_9fccfcfb ON qss_importer_intro.analytics_realmcount USING btree (realm_id);
CREATE INDEX analytics_streamcount_realm_id_2e51c13a ON qss_importer_intro.analytics_streamcount USING btree (realm_id);
CREATE INDEX auth_group_name_a6ea08ec_like ON qss_importer_intro.auth_group USING btree (name varchar_pattern_ops);
CREATE INDEX auth_group_permissions_group_id_b120cbf9 ON qss_importer_intro.auth_group_permissions USING btree (group_id);
CREATE INDEX auth_group_permissions_permission_id_84c5c92e ON qss_importer_intro.auth_group_permissions USING btree (permission_id);
CREATE INDEX auth_permission_content_type_id_2f476e4b ON qss_importer_intro.auth_permission USING btree (content_type_id);
CREATE INDEX auth_user_groups_group_id_97559544 ON qss_importer_intro.auth_user_groups USING btree (group_id);
CREATE INDEX auth_user_groups_user_id_6a12ed8b ON qss_importer_intro.auth_user_groups USING btree (user_id);
CREATE INDEX auth_user_user_permissions_permission_id_1fbb5f2c ON qss_importer_intro.auth_user_user_permissions USING btree (permission_id);
CREATE INDEX auth_user_user_permissions_user_id_a95ead1b ON qss_importer_intro.auth_user_user_permissions USING btree (user_id);
CREATE INDEX auth_user_username_6821ab7c_like ON qss_importer_intro.auth_user USING btree (username varchar_pattern_ops);
CREATE INDEX shop_productline_owner_id_13a0db58 ON qss_importer_intro.shop_productline USING btree (owner_id);
CREATE INDEX shop_productline_related_from_productline_id_ccf4b709 ON qss_importer_intro.shop_productline_related USING btree (from_productline_id);
CREATE INDEX shop_productline_related_to_productline_id_20d86fbf ON qss_importer_intro.shop_productline_related USING btree (to_productline_id);
CREATE INDEX shop_productline_watchers_productline_id_a405b53e ON qss_importer_intro.shop_productline_watchers USING btree (productline_id);
CREATE INDEX shop_productline_watchers_user_id_f8b896a2 ON qss_importer_intro.shop_productline_watchers USING btree (user_id);
CREATE INDEX shop_realmmember_realm_id_9010cd71 ON qss_importer_intro.shop_realmmember USING btree (realm_id);
CREATE INDEX shop_realmmember_user_id_a47b78d5 ON qss_importer_intro.shop_realmmember USING btree (user_id);
ALTER TABLE ONLY qss_importer_intro.analytics_realmcount
    ADD CONSTRAINT analytics_realmcount_realm_id_9fccfcfb_fk_shop_realm_id FOREIGN KEY (realm_id) REFERENCES qss_importer_intro.shop_realm(id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE ONLY qss_importer_intro.analytics_streamcount
    ADD CONSTRAINT analytics_streamcount_realm_id_2e51c13a_fk_shop_realm_id FOREIGN KEY (realm_id) REFERENCES qss_importer_intro.shop_realm(id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE ONLY qss_importer_intro.auth_group_permissions
    ADD CONSTRAINT auth_group_permissio_permission_id_84c5c92e_fk_auth_perm FOREIGN KEY (permission_id) REFERENCES qss_importer_intro.auth_permission(id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE ONLY qss_importer_intro.auth_group_permissions
    ADD CONSTRAINT auth_group_permissions_group_id_b120cbf9_fk_auth_group_id FOREIGN KEY (group_id) REFERENCES qss_importer_intro.auth_group(id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE ONLY qss_importer_intro.auth_permission
    ADD CONSTRAINT auth_permission_content_type_id_2f476e4b_fk_django_co FOREIGN KEY (content_type_id) REFERENCES qss_importer_intro.django_content_type(id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE ONLY qss_importer_intro.auth_user_groups
    ADD CONSTRAINT auth_user_groups_group_id_97559544_fk_auth_group_id FOREIGN KEY (group_id) REFERENCES qss_importer_intro.auth_group(id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE ONLY qss_importer_intro.auth_user_groups
    ADD CONSTRAINT auth_user_groups_user_id_6a12ed8b_fk_auth_user_id FOREIGN KEY (user_id) REFERENCES qss_importer_intro.auth_user(id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE ONLY qss_importer_intro.auth_user_user_permissions
    ADD CONSTRAINT auth_user_user_permi_permission_id_1fbb5f2c_fk_auth_perm FOREIGN KEY (permission_id) REFERENCES qss_importer_intro.auth_permission(id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE ONLY qss_importer_intro.auth_user_user_permissions
    ADD CONSTRAINT auth_user_user_permissions_user_id_a95ead1b_fk_auth_user_id FOREIGN KEY (user_id) REFERENCES qss_importer_intro.auth_user(id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE ONLY qss_importer_intro.shop_productline
    ADD CONSTRAINT shop_productline_owner_id_13a0db58_fk_auth_user_id FOREIGN KEY (owner_id) REFERENCES qss_importer_intro.auth_user(id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE ONLY qss_importer_intro.shop_productline_related
    ADD CONSTRAINT shop_productline_rel_from_productline_id_ccf4b709_fk_shop_prod FOREIGN KEY (from_productline_id) REFERENCES qss_importer_intro.shop_productline(id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE ONLY qss_importer_intro.shop_productline_related
    ADD CONSTRAINT shop_productline_rel_to_productline_id_20d86fbf_fk_shop_prod FOREIGN KEY (to_productline_id) REFERENCES qss_importer_intro.shop_productline(id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE ONLY qss_importer_intro.shop_productline_watchers
    ADD CONSTRAINT shop_productline_wat_productline_id_a405b53e_fk_shop_prod FOREIGN KEY (productline_id) REFERENCES qss_importer_intro.shop_productline(id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE ONLY qss_importer_intro.shop_productline_watchers
    ADD CONSTRAINT shop_productline_watchers_user_id_f8b896a2_fk_auth_user_id FOREIGN KEY (user_id) REFERENCES qss_importer_intro.auth_user(id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE ONLY qss_importer_intro.shop_realmmember
    ADD CONSTRAINT shop_realmmember_realm_id_9010cd71_fk_shop_realm_id FOREIGN KEY (realm_id) REFERENCES qss_importer_intro.shop_realm(id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE ONLY qss_importer_intro.shop_realmmember
    ADD CONSTRAINT shop_realmmember_user_id_a47b78d5_fk_auth_user_id FOREIGN KEY (user_id) REFERENCES qss_importer_intro.auth_user(id) DEFERRABLE INITIALLY DEFERRED;
