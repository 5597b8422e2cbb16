CREATE DATABASE IF NOT EXISTS cm_kasama_cross_account_target_db
COMMENT 'Target database for cross-account data copy'
LOCATION 's3://cm-kasama-cross-account-dev-target-data/';

CREATE EXTERNAL TABLE IF NOT EXISTS cm_kasama_cross_account_target_db.sales_copy (
`id` int COMMENT 'Sales ID',
`product` string COMMENT 'Product name',
`amount` int COMMENT 'Sales amount',
`date` string COMMENT 'Sales date'
)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ','
STORED AS TEXTFILE
LOCATION 's3://cm-kasama-cross-account-dev-target-data/sales_copy/'
TBLPROPERTIES (
'classification' = 'csv'
);

CREATE EXTERNAL TABLE IF NOT EXISTS cm_kasama_cross_account_target_db.returns_copy (
`id` int,
`reason` varchar(200)
)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ','
STORED AS TEXTFILE
LOCATION 's3://cm-kasama-cross-account-dev-target-data/returns_copy/'
TBLPROPERTIES (
'classification' = 'csv'
);

CREATE EXTERNAL TABLE IF NOT EXISTS cm_kasama_cross_account_target_db.eu_orders (
`order_id` bigint,
`total` decimal(12,2),
`items` array<struct<sku:string,qty:int>>
)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ','
STORED AS TEXTFILE
LOCATION 's3://cm-kasama-cross-account-dev-target-data/eu_orders/'
TBLPROPERTIES (
'classification' = 'csv'
);
