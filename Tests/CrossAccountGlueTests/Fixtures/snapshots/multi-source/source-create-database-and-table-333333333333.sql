CREATE DATABASE IF NOT EXISTS eu_sales
COMMENT 'Source database for cross-account data copy'
LOCATION 's3://acme-eu-sales-archive/eu_sales/';

CREATE EXTERNAL TABLE IF NOT EXISTS eu_sales.orders (
`order_id` bigint,
`total` decimal(12,2),
`items` array<struct<sku:string,qty:int>>
)
ROW FORMAT DELIMITED
FIELDS TERMINATED BY ','
STORED AS TEXTFILE
LOCATION 's3://acme-eu-sales-archive/eu_sales/orders/'
TBLPROPERTIES (
'skip.header.line.count' = '1',
'classification' = 'csv'
);
